namespace Gantry.Server.Lifecycle;

/// <summary>
/// One registered version of a model: what <c>gantry models add</c>, <c>POST /admin/models</c> or a server started with
/// <c>--model</c> records. <see cref="Sha256"/> is the file's hash in lowercase hex; <see cref="Quantization"/> the tensor
/// type holding most of the weight bytes (e.g. <c>Q4_0</c>).
/// </summary>
public sealed record ModelVersion(
    string Name,
    string Version,
    string Path,
    string Sha256,
    string Architecture,
    string Quantization,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    string? Notes);

/// <summary>An expected failure of a lifecycle operation, with the HTTP status and OpenAI error code it maps to.</summary>
public sealed class ModelLifecycleException(int status, string code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Param { get; } = param;

    public static ModelLifecycleException NotFound(string message, string? param = null) => new(404, "model_not_found", message, param);

    public static ModelLifecycleException Conflict(string message, string? param = null) => new(409, "conflict", message, param);

    public static ModelLifecycleException Invalid(string message, string? param = null) => new(400, "invalid_value", message, param);
}
