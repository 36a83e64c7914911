using System.Text.Json.Serialization;

namespace Gantry.Server.Protocol;

/// <summary>Source-generated (reflection-free) JSON for every wire type: snake_case, nulls omitted unless a type says otherwise.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(Usage))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ApplyTemplateResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
