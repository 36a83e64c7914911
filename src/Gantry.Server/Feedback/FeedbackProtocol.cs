using System.Text.Json.Serialization;

namespace Gantry.Server.Feedback;

/// <summary><c>POST /v1/feedback</c>: a score (and optional label) for the request whose <c>x-request-id</c> was <see cref="RequestId"/>.</summary>
public sealed record FeedbackRequest(string? RequestId = null, double? Score = null, string? Label = null);

/// <summary>The stored feedback, with the model and version that served the rated request.</summary>
public sealed record FeedbackAnswer(string RequestId, string? Model, string? ModelVersion, double Score, string? Label, string Object = "feedback");

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackAnswer))]
public sealed partial class FeedbackJson : JsonSerializerContext;
