using System.Text.Json.Serialization;

namespace Gantry.Server.Lifecycle;

/// <summary><c>POST /admin/models</c>: registers a version of <see cref="Name"/> from the GGUF file at <see cref="Path"/> (on the server's machine).</summary>
public sealed record RegisterModelRequest(string? Name, string? Version, string? Path, string? Notes = null);

/// <summary><c>POST /admin/models/{name}/load|swap</c>: a file (<see cref="Path"/>, optionally labelled) or a registered <see cref="Version"/>.</summary>
public sealed record LoadModelRequest(string? Path = null, string? Version = null);

/// <summary>A version as the admin API shows it: the registry record (when there is one) and whether the server routes to it.</summary>
public sealed record ModelVersionInfo(
    string Name,
    string Version,
    string? Path,
    string? Sha256,
    string? Architecture,
    string? Quantization,
    long? SizeBytes,
    long? CreatedAt,
    string? Notes,
    bool Registered,
    bool Routed,
    bool Loaded,
    int? Weight = null,
    bool? Shadow = null);

public sealed record ModelVersionList(IReadOnlyList<ModelVersionInfo> Data, string Object = "list");

/// <summary>The answer to load, swap and unload: the versions now served and those retiring (freed once their in-flight requests finish).</summary>
public sealed record LifecycleAnswer(string Name, IReadOnlyList<string> Versions, IReadOnlyList<string> Retired, double LoadSeconds);

public sealed record RemoveModelResult(string Name, string Version, bool Deleted);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterModelRequest))]
[JsonSerializable(typeof(LoadModelRequest))]
[JsonSerializable(typeof(ModelVersionInfo))]
[JsonSerializable(typeof(ModelVersionList))]
[JsonSerializable(typeof(LifecycleAnswer))]
[JsonSerializable(typeof(RemoveModelResult))]
public sealed partial class LifecycleJson : JsonSerializerContext;
