# gantry: one image for both roles, `gantry serve` (a replica) and `gantry gateway` (see docs/fleet.md, deploy/).
# Multi-stage: the SDK image builds and publishes; the runtime image holds only the published app and runs as the
# non-root user the .NET images define ($APP_UID, 1654).
#   docker build -t gantry .
#   docker run --rm -p 8000:8000 -v $PWD/models:/models:ro gantry serve --host 0.0.0.0 --model /models/m.gguf:m --auth none
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Gantry.Cli/Gantry.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The state database (keys, audit): pass --state-dir /var/lib/gantry; mount a volume there to keep the audit log.
RUN mkdir -p /var/lib/gantry && chown $APP_UID /var/lib/gantry
USER $APP_UID
EXPOSE 8000 8080
ENTRYPOINT ["dotnet", "/app/gantry.dll"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
