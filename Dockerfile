# syntax=docker/dockerfile:1
# The web app in a container, for docker-compose.yml (PostgreSQL and mail are separate services).
#   docker build -t reviewworkflow .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer is then reused until a dependency changes.
# global.json is left out on purpose: it pins the SDK of the developer machines, while this
# image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ReviewWorkflow.Engine/ReviewWorkflow.Engine.csproj src/ReviewWorkflow.Engine/
COPY src/ReviewWorkflow.LocalCluster/ReviewWorkflow.LocalCluster.csproj src/ReviewWorkflow.LocalCluster/
COPY src/ReviewWorkflow.Web/ReviewWorkflow.Web.csproj src/ReviewWorkflow.Web/
RUN dotnet restore src/ReviewWorkflow.Web/ReviewWorkflow.Web.csproj
COPY src/ src/
RUN dotnet publish src/ReviewWorkflow.Web/ReviewWorkflow.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The case file's typeface (CaseFile/CaseFileFonts), embedded in every PDF the app makes.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Workflow definitions and demo seeds are read from the content root (/app) at start-up.
COPY workflows/ ./workflows/
COPY seeds/ ./seeds/
# Sign-in cookies are protected with keys kept in the app user's home; docker-compose.yml mounts a
# volume there so that sign-ins survive a restart. Created here so the volume belongs to that user.
RUN mkdir -p /home/app/.aspnet/DataProtection-Keys && chown -R "$APP_UID" /home/app/.aspnet
USER $APP_UID
# ASPNETCORE_HTTP_PORTS (set by the base image) is cleared so that ASPNETCORE_URLS alone decides.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080
ENTRYPOINT ["dotnet", "ReviewWorkflow.Web.dll"]
