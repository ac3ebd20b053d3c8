# The mock in a container: docker build -t metrics-mock . && docker run -p 8080:8080 metrics-mock
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY mock_server ./mock_server
COPY contract_tests ./contract_tests
COPY specs ./specs
COPY fixtures ./fixtures
# The wheel carries specs/ under <prefix>/share/metrics-mock/specs (pyproject data-files).
RUN pip install --no-cache-dir .
EXPOSE 8080
CMD ["metrics-mock", "serve", "--host", "0.0.0.0"]
