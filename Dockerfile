# NextOps Lean server image: the distribution built by `mvn package` (bin/nextops-server, lib/, conf/), run by the
# launcher, which sizes the JVM from the container's memory limit (docker run --memory=256m) or MEMORY_BUDGET_MB.
#   docker build -t nextops-lean .
#   docker run --memory=256m -p 8000:8000 -v nextops-data:/app/data nextops-lean
# See docs/deploy.md.

# ---- build stage: the distribution -----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the AppCDS archive is built in the run stage, at the path and with the JVM it will be used with
RUN mvn -B -q -DskipTests -Dnextops.cds.skip=true package \
 && mkdir /dist && cp -r server/target/nextops-server-*/. /dist/

# ---- run stage: a JRE, the distribution, a non-root user -------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nextops \
 && mkdir -p /app/data && chown nextops /app/data
COPY --from=build /dist /opt/nextops
# AppCDS archive of the application's classes: a short training start on an embedded PostgreSQL in /tmp (JDK 17 takes
# an archive only at the jar path and JVM it was built for, hence here and not in the build stage)
RUN /opt/nextops/bin/nextops-server cds-archive --if-possible && chmod -R a+rX /opt/nextops
USER nextops
WORKDIR /app
ENV NEXTOPS_DATA_DIR=/app/data PORT=8000
EXPOSE 8000
VOLUME /app/data
# memory health through the server's own report: exit 0 EXCELLENT/GOOD, 1 WARNING, 2 CRITICAL, 3 unreachable.
# Docker knows only 0 (healthy) and 1 (unhealthy): WARNING stays healthy, CRITICAL or no answer is unhealthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["sh", "-c", "/opt/nextops/bin/nextops-server check-memory --url http://127.0.0.1:${PORT} >/dev/null; s=$?; [ $s -le 1 ] || exit 1"]
# exec form: the launcher execs the JVM, which gets SIGTERM from `docker stop` and exits 0 after GRACEFUL_TIMEOUT
ENTRYPOINT ["/opt/nextops/bin/nextops-server"]
CMD ["serve"]
