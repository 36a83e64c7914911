namespace Gantry.Guardrails.Content;

/// <summary>
/// Built-in content categories: deliberately narrow phrase lists (requests for operational harm), so the default
/// policy flags little ordinary text. Tenants replace or extend them through the policy's content categories.
/// </summary>
public static class ContentCategories
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["weapons"] = ["build a pipe bomb", "make a pipe bomb", "synthesize sarin", "make nerve agent", "3d print a gun", "untraceable firearm"],
        ["malware"] = ["write ransomware", "ransomware that encrypts", "undetectable keylogger", "write a keylogger", "credential stealer", "disable antivirus and"],
        ["self_harm"] = ["how to kill myself", "best way to end my life", "painless way to die"],
    };
}
