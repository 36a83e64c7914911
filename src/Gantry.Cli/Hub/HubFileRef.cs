namespace Gantry.Cli.Hub;

/// <summary>One file in a Hugging Face model repository: <c>hf://OWNER/REPO/PATH/IN/REPO.gguf</c> at a revision.</summary>
internal sealed record HubFileRef(string Owner, string Repo, string FilePath, string Revision)
{
    public const string Scheme = "hf://";

    public string RepoId => $"{Owner}/{Repo}";

    public override string ToString() => $"{Scheme}{RepoId}/{FilePath}";

    public static bool IsHubUri(string text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>hf://OWNER/REPO/FILE</c> (the <c>hf://</c> is optional); the file may sit in folders.</summary>
    /// <exception cref="FormatException">Fewer than three parts, or a part that could escape the cache folder.</exception>
    public static HubFileRef Parse(string text, string revision = "main")
    {
        var rest = IsHubUri(text) ? text[Scheme.Length..] : text;
        var parts = rest.Split('/');
        if (parts.Length < 3 || parts.Any(p => p.Length == 0 || p == "." || p == ".." || p.Contains('\\')))
            throw new FormatException($"'{text}' is not a Hub file; expected hf://OWNER/REPO/FILE.gguf");
        if (string.IsNullOrWhiteSpace(revision) || revision.Contains("..") || revision.Contains('\\'))
            throw new FormatException($"'{revision}' is not a revision");
        return new HubFileRef(parts[0], parts[1], string.Join('/', parts[2..]), revision);
    }
}
