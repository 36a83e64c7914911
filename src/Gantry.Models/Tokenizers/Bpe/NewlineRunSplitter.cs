namespace Gantry.Models.Tokenizers.Bpe;

/// <summary>
/// Gemma 4's only pre-tokenizer split, llama.cpp's <c>[^\n]+|[\n]+</c>: runs of newlines and runs of everything else.
/// Its BPE merges run over whole lines (spaces are already ▁), so this only keeps merges from crossing a newline.
/// </summary>
internal sealed class NewlineRunSplitter : IPreTokenizerStep
{
    public static readonly NewlineRunSplitter Instance = new();

    public void Split(in PreTokenizerInput input, List<int> pieces, List<int> output)
    {
        var start = 0;
        foreach (var length in pieces)
        {
            var runStart = 0;
            for (var i = 1; i <= length; i++)
            {
                if (i < length && (input.Codepoints[start + i] == '\n') == (input.Codepoints[start + i - 1] == '\n')) continue;
                output.Add(i - runStart);
                runStart = i;
            }
            start += length;
        }
    }
}
