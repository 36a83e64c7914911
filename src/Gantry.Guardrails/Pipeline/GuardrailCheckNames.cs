namespace Gantry.Guardrails.Pipeline;

/// <summary>Names of the built-in checks: the keys of <see cref="GuardrailPolicy.Modes"/> and the categories a
/// verdict flags (content hits add <c>content:&lt;category&gt;</c> as well).</summary>
public static class GuardrailCheckNames
{
    /// <summary>Prompt injection and jailbreak detection (input only).</summary>
    public const string Injection = "injection";
    /// <summary>Personal data: e-mail, phone, payment card, IBAN, US SSN, IP address.</summary>
    public const string Pii = "pii";
    /// <summary>Credentials: API keys and tokens, private keys.</summary>
    public const string Secrets = "secrets";
    /// <summary>Deny-list terms and content categories from the policy.</summary>
    public const string Content = "content";
    /// <summary>A guard model's verdict (Llama Guard 3 on its own engine: <c>--guard-model</c>); not a pipeline check,
    /// it runs where a guard model is loaded, under the same modes.</summary>
    public const string GuardModel = "guard_model";

    /// <summary>Every built-in name, in pipeline order, the guard model last.</summary>
    public static IReadOnlyList<string> All { get; } = [Injection, Pii, Secrets, Content, GuardModel];
}
