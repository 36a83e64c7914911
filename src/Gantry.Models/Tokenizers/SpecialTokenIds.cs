namespace Gantry.Models.Tokenizers;

/// <summary>
/// Ids of the tokens with a fixed role, -1 where the vocabulary has none. Resolved like llama.cpp:
/// model default first, then the <c>tokenizer.ggml.*_token_id</c> key when it is in range.
/// </summary>
internal sealed record SpecialTokenIds
{
    public int Bos { get; init; } = -1;
    public int Eos { get; init; } = -1;
    public int Eot { get; init; } = -1;
    public int Eom { get; init; } = -1;
    public int Unk { get; init; } = -1;
    public int Sep { get; init; } = -1;
    public int Pad { get; init; } = -1;
    public int FimPre { get; init; } = -1;
    public int FimSuf { get; init; } = -1;
    public int FimMid { get; init; } = -1;
    public int FimPad { get; init; } = -1;
    public int FimRep { get; init; } = -1;
    public int FimSep { get; init; } = -1;
}
