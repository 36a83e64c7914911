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

/// <summary><c>POST /admin/models/{name}/canary</c>: the candidate (a file or a registered version), its steps in percent, and its objectives.</summary>
public sealed record CanaryRequest(
    string? Path = null,
    string? Version = null,
    IReadOnlyList<int>? Steps = null,
    int? StepSeconds = null,
    string? Sticky = null,
    ObjectivesBody? Objectives = null);

/// <summary>Rollout objectives over a sliding window (see <see cref="RolloutObjectives"/>); absent fields keep their defaults.</summary>
public sealed record ObjectivesBody(double? MaxErrorRate = null, double? MaxTtftP99Ms = null, int? WindowSeconds = null, int? MinRequests = null,
    double? MaxGuardrailBlockRate = null, double? MinFeedbackScore = null, int? MinFeedback = null);

/// <summary>A canary as the admin API shows it, with the candidate's window; <see cref="Resumed"/> true when this server resumed it
/// from the state folder at startup (the window then holds only what came since).</summary>
public sealed record CanaryStatus(string Name, string Stable, string Candidate, string State, int Weight, IReadOnlyList<int> Steps, int? StepSeconds,
    string? Reason, int WindowRequests, double WindowErrorRate, double WindowTtftP99Ms, double WindowGuardrailBlockRate, int WindowFeedback, double WindowFeedbackScore,
    bool? Resumed = null);

/// <summary><c>POST /admin/models/{name}/split</c>: weighted versions, sticky mode (<c>none</c>, <c>user</c>, <c>key</c>) and an optional shadow version.</summary>
public sealed record SplitRequest(IReadOnlyList<SplitEntry>? Versions = null, string? Sticky = null, string? Shadow = null);

public sealed record SplitEntry(string? Version = null, int? Weight = null);

/// <summary>A route's split as the admin API shows it; <see cref="Resumed"/> true when this server resumed it from the state folder at startup.</summary>
public sealed record SplitStatus(string Name, IReadOnlyList<SplitEntry> Versions, string Sticky, string? Shadow, bool? Resumed = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterModelRequest))]
[JsonSerializable(typeof(LoadModelRequest))]
[JsonSerializable(typeof(ModelVersionInfo))]
[JsonSerializable(typeof(ModelVersionList))]
[JsonSerializable(typeof(LifecycleAnswer))]
[JsonSerializable(typeof(RemoveModelResult))]
[JsonSerializable(typeof(CanaryRequest))]
[JsonSerializable(typeof(CanaryStatus))]
[JsonSerializable(typeof(SplitRequest))]
[JsonSerializable(typeof(SplitStatus))]
[JsonSerializable(typeof(PersistedRoute))]
public sealed partial class LifecycleJson : JsonSerializerContext;
