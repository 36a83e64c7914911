using System.Text.Json;

namespace Gantry.Bench.Guardrails;

/// <summary>A row of src/Gantry.Guardrails/Injection/Training/injection_corpus.jsonl.</summary>
internal sealed record CorpusRow(string Text, string Label, string Family, string Source, string Split)
{
    public bool IsInjection => Label == "injection";

    public static IReadOnlyList<CorpusRow> Load(string path)
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<CorpusRow>(l, options)!)];
    }

    /// <summary>The corpus in the repository, found from the current directory upwards.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "src", "Gantry.Guardrails", "Injection", "Training", "injection_corpus.jsonl");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("src/Gantry.Guardrails/Injection/Training/injection_corpus.jsonl not found above the current directory");
    }
}
