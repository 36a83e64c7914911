namespace Gantry.Server.Protocol;

internal sealed record ModelList(IReadOnlyList<ModelCard> Data)
{
    public string Object => "list";
}

/// <summary>One <c>/v1/models</c> entry; <see cref="Description"/> says when the weights are random (the demo model).</summary>
internal sealed record ModelCard(string Id, long Created, string OwnedBy, int MaxModelLen, string Description)
{
    public string Object => "model";
}
