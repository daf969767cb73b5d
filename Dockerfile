# One image for the three services (actions, rasa, web); the model is trained at build time. endpoints.yml serves
# one Rasa on SQLite, endpoints-scaled.yml several Rasa on PostgreSQL and Redis (docker-compose.yml).
FROM python:3.10-slim

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PYTHONPATH=/app
WORKDIR /app

RUN apt-get update && apt-get install -y --no-install-recommends build-essential curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt ./
RUN pip install --upgrade pip 'setuptools<70' wheel && pip install -r requirements.txt

COPY liangye_rules ./liangye_rules
COPY bot ./bot
COPY data ./data
COPY domain.yml config.yml endpoints.yml endpoints-scaled.yml credentials.yml ./
RUN rasa train --fixed-model-name liangye --out models

RUN useradd --create-home liangye && mkdir -p /app/var && chown -R liangye /app/var
USER liangye
EXPOSE 5005 5055 8080
