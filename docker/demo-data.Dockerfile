# The demo data generator: Node for scripts/demo, and promtool from the Prometheus image to backfill
# what it generates into TSDB blocks. The repository is mounted at /src at run time (docker-compose.yaml).
ARG PROMETHEUS_VERSION=v3.5.0
ARG NODE_VERSION=22

FROM prom/prometheus:${PROMETHEUS_VERSION} AS prometheus

FROM node:${NODE_VERSION}-bookworm-slim
# promtool is a static Go binary: it runs on Debian as it does on the Prometheus image's busybox.
COPY --from=prometheus /bin/promtool /usr/local/bin/promtool
ENV PROMTOOL_BIN=/usr/local/bin/promtool
WORKDIR /src
CMD ["sh", "/src/docker/demo-data.sh"]
