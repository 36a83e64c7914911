namespace Gantry.Security.Audit;

/// <summary>Removes personal data from prompt text before <c>--log-prompts</c> writes it to the audit log.</summary>
public interface IPromptRedactor
{
    string Name { get; }

    string Redact(string text);
}
