# A gateway: pages, client bundle, WebSocket termination and forwarding to the silo that hosts
# each kernel, /readyz, /resourcez (aggregated over every silo) and /dashboard. It never loads app
# code: this image contains no app, grain or sample assembly.
# Build from the repository root:  docker build -f deploy/docker/Gateway.Dockerfile -t solara-gateway .

# 1. The browser client bundle (TypeScript + esbuild), embedded into the gateway assembly.
FROM node:22-bookworm-slim AS client
WORKDIR /src/Client
COPY Client/package.json Client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY Client/ ./
RUN npm run build

# 2. The .NET build of the Gateway project and what it references (contracts and the Redis client).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY Client/ClientBundle.targets Client/
COPY Grains.Abstractions/Grains.Abstractions.csproj Grains.Abstractions/
COPY Cluster/Cluster.csproj Cluster/
COPY Gateway/Gateway.csproj Gateway/
RUN dotnet restore Gateway/Gateway.csproj
COPY Grains.Abstractions/ Grains.Abstractions/
COPY Cluster/ Cluster/
COPY Gateway/ Gateway/
COPY --from=client /src/Client/dist/ Client/dist/
RUN dotnet publish Gateway/Gateway.csproj -c Release -o /app --no-restore -p:SolaraSkipClientBuild=true

# 3. The runtime: ASP.NET Core only, curl for the health check, an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
USER app
ENV SOLARA_MODE=production
EXPOSE 9201
HEALTHCHECK --interval=5s --timeout=2s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9201/readyz || exit 1
ENTRYPOINT ["dotnet", "Solara.Orleans.Gateway.dll", "--host", "0.0.0.0"]
CMD ["--port", "9201"]
