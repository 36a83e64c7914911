namespace Gantry.Guardrails.Injection;

/// <summary>Names of the techniques <see cref="InjectionCheck"/> reports as evidence.</summary>
public static class InjectionTechniques
{
    public const string InstructionOverride = "instruction_override";
    public const string RoleEscape = "role_play_escape";
    public const string Jailbreak = "jailbreak_keyword";
    public const string SystemPromptExfiltration = "system_prompt_exfiltration";
    public const string NewInstructions = "new_instructions";
    public const string FakeDelimiter = "fake_delimiter";
    public const string AuthorityClaim = "authority_claim";
    public const string NoRestrictions = "no_restrictions";
    public const string DecodeAndFollow = "decode_and_follow";
    public const string EncodedPayload = "encoded_payload";
    public const string Leetspeak = "leetspeak";
    public const string InvisibleUnicode = "invisible_unicode";
    public const string UnicodeTags = "unicode_tags";
    public const string BidiOverride = "bidi_override";
    public const string Homoglyph = "homoglyph";
    /// <summary>Found only after NFKC folding, URL-decoding or joining spaced-out letters.</summary>
    public const string FoldedText = "folded_text";
    /// <summary>Reported by the learned model (character n-grams and the signals above) when it alone decides.</summary>
    public const string LearnedModel = "learned_model";
}
