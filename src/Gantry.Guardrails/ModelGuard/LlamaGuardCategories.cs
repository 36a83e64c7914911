namespace Gantry.Guardrails.ModelGuard;

/// <summary>The hazard categories Llama Guard 3 was trained on (MLCommons' 13 hazards plus code interpreter
/// abuse), as its prompt lists them and its answer names them: <c>S1</c>…<c>S14</c>.</summary>
public static class LlamaGuardCategories
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("S1", "Violent Crimes"), ("S2", "Non-Violent Crimes"), ("S3", "Sex-Related Crimes"), ("S4", "Child Sexual Exploitation"),
        ("S5", "Defamation"), ("S6", "Specialized Advice"), ("S7", "Privacy"), ("S8", "Intellectual Property"),
        ("S9", "Indiscriminate Weapons"), ("S10", "Hate"), ("S11", "Suicide & Self-Harm"), ("S12", "Sexual Content"),
        ("S13", "Elections"), ("S14", "Code Interpreter Abuse"),
    ];

    public static bool IsKnown(string code) => All.Any(c => c.Code == code);
}
