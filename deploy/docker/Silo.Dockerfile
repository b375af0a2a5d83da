# A silo: hosts KernelGrain/SessionGrain activations and serves only internal endpoints
# (/_cluster/*, which require SOLARA_CLUSTER_SECRET) plus /readyz and /resourcez.
# Build from the repository root:  docker build -f deploy/docker/Silo.Dockerfile -t solara-silo .
#
# The image holds the Silo project with the sample apps; for your own apps, build your silo project
# (the one whose Program.cs calls SolaraServer.RunAsync with your apps) the same way.

# 1. The browser client bundle (TypeScript + esbuild). The silo embeds it too, through its
#    reference to the Gateway project, for the embedded single-process mode.
FROM node:22-bookworm-slim AS client
WORKDIR /src/Client
COPY Client/package.json Client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY Client/ ./
RUN npm run build

# 2. The .NET build, with the bundle from stage 1 (SolaraSkipClientBuild: no node in this stage).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY Client/ClientBundle.targets Client/
COPY Grains.Abstractions/Grains.Abstractions.csproj Grains.Abstractions/
COPY Cluster/Cluster.csproj Cluster/
COPY Solara/Solara.csproj Solara/
COPY Grains/Grains.csproj Grains/
COPY Gateway/Gateway.csproj Gateway/
COPY Samples/Samples.csproj Samples/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj
COPY Grains.Abstractions/ Grains.Abstractions/
COPY Cluster/ Cluster/
COPY Solara/ Solara/
COPY Grains/ Grains/
COPY Gateway/ Gateway/
COPY Samples/ Samples/
COPY Silo/ Silo/
COPY --from=client /src/Client/dist/ Client/dist/
RUN dotnet publish Silo/Silo.csproj -c Release -o /app --no-restore -p:SolaraSkipClientBuild=true

# 3. The runtime: ASP.NET Core only, curl for the health check, an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
USER app
ENV SOLARA_MODE=production
EXPOSE 9101
HEALTHCHECK --interval=5s --timeout=2s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9101/readyz || exit 1
# Exit code 2: misconfiguration (the log names the setting). Exit code 3: declared dead or lease
# lost: the orchestrator must start it again (restart: unless-stopped / a Deployment does).
ENTRYPOINT ["dotnet", "Solara.Orleans.Silo.dll", "--role", "silo", "--host", "0.0.0.0"]
CMD ["--port", "9101"]
