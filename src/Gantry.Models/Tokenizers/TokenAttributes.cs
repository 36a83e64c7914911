namespace Gantry.Models.Tokenizers;

/// <summary>
/// What a vocabulary entry is, as llama.cpp's <c>llama_token_attr</c> bit set. Derived from
/// <c>tokenizer.ggml.token_type</c> at load time and then adjusted by the same name-based rules
/// llama.cpp applies (e.g. <c>&lt;|im_end|&gt;</c> becomes Control even if the file says Normal).
/// </summary>
[Flags]
public enum TokenAttributes
{
    /// <summary>No known kind (GGUF type 0 or out of range); decodes to nothing.</summary>
    Undefined = 0,
    Unknown = 1 << 0,
    Unused = 1 << 1,
    Normal = 1 << 2,
    /// <summary>BOS, EOS, chat markers: invisible unless rendered on purpose, matched in text only when asked.</summary>
    Control = 1 << 3,
    /// <summary>Added tokens: always matched in text before the model's own splitting, always rendered.</summary>
    UserDefined = 1 << 4,
    /// <summary>Byte fallback <c>&lt;0xNN&gt;</c>: decodes to that single byte.</summary>
    Byte = 1 << 5,
    Normalized = 1 << 6,
    LStrip = 1 << 7,
    RStrip = 1 << 8,
    SingleWord = 1 << 9,
}

/// <summary>The values of GGUF's <c>tokenizer.ggml.token_type</c> array (llama.cpp's <c>llama_token_type</c>).</summary>
public enum GgufTokenType
{
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}

internal static class GgufTokenTypeExtensions
{
    public static TokenAttributes ToAttributes(this GgufTokenType type) => type switch
    {
        GgufTokenType.Unknown => TokenAttributes.Unknown,
        GgufTokenType.Unused => TokenAttributes.Unused,
        GgufTokenType.Normal => TokenAttributes.Normal,
        GgufTokenType.Control => TokenAttributes.Control,
        GgufTokenType.UserDefined => TokenAttributes.UserDefined,
        GgufTokenType.Byte => TokenAttributes.Byte,
        _ => TokenAttributes.Undefined,
    };
}
