namespace Gantry.Server.Protocol;

internal sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

/// <summary>One <c>/v1/models</c> entry; <see cref="Description"/> says when the weights are random (the demo model).</summary>
/// <param name="Parent">For a LoRA adapter, the model it adapts (vLLM's field); null for a model.</param>
internal sealed record ModelCard(string Id, long Created, string OwnedBy, int MaxModelLen, string Description, string? Parent = null)
{
    public string Object => "model";
}
