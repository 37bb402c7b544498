//! The Dockerfile a first-time visitor sees. It is deliberately imperfect:
//! sources are copied before dependencies are installed and the package
//! cache is cleaned in a later layer than the one that filled it.

pub const SAMPLE_DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
FROM python:3.12-slim AS app

WORKDIR /app
COPY . /app

RUN apt-get update
RUN apt-get install -y build-essential libpq-dev
RUN apt-get clean

RUN pip install -r requirements.txt

ENV PORT=5000
EXPOSE $PORT
CMD ["python", "app.py"]
"#;
