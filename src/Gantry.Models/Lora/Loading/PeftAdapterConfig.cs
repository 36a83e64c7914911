using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gantry.Models.Lora.Loading;

/// <summary>
/// The parts of a PEFT <c>adapter_config.json</c> that decide how a LoRA adapter applies: <c>r</c>, <c>lora_alpha</c>,
/// <c>use_rslora</c> and <c>target_modules</c> (a list of module names, matched as PEFT does by equality or as a
/// dotted suffix; a string, matched as a regular expression against the whole module name; or <c>all-linear</c>).
/// Features that change the arithmetic beyond <c>scale·B·A</c> (DoRA, per-module rank or alpha patterns, trained
/// biases, saved full modules, Conv1D's transposed layout) are refused rather than silently ignored.
/// </summary>
public sealed class PeftAdapterConfig
{
    /// <summary>The module names PEFT gives the seven matrices Gantry adapts, in <see cref="LoraTarget"/> order.</summary>
    public static readonly string[] ModuleNames = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    private readonly string[]? _targetList;
    private readonly Regex? _targetPattern;

    private PeftAdapterConfig(int rank, float alpha, bool useRslora, string[]? targetList, Regex? targetPattern, string targetText)
    {
        Rank = rank;
        Alpha = alpha;
        UseRslora = useRslora;
        _targetList = targetList;
        _targetPattern = targetPattern;
        TargetModulesText = targetText;
    }

    public int Rank { get; }

    public float Alpha { get; }

    public bool UseRslora { get; }

    /// <summary>PEFT's factor on every delta: <c>lora_alpha / r</c>, or <c>lora_alpha / √r</c> with <c>use_rslora</c>.</summary>
    public float Scale => UseRslora ? Alpha / MathF.Sqrt(Rank) : Alpha / Rank;

    /// <summary><c>target_modules</c> as written, for messages.</summary>
    public string TargetModulesText { get; }

    /// <summary>Whether <c>target_modules</c> selects the module <paramref name="moduleName"/> (e.g. <c>model.layers.3.self_attn.q_proj</c>).</summary>
    public bool Targets(string moduleName)
    {
        if (_targetPattern is not null) return _targetPattern.IsMatch(moduleName);
        if (_targetList is null) return true; // all-linear
        foreach (var t in _targetList)
            if (moduleName == t || moduleName.EndsWith("." + t, StringComparison.Ordinal)) return true;
        return false;
    }

    public static PeftAdapterConfig Parse(string path)
    {
        LoraAdapterException Bad(LoraAdapterError error, string problem) => new(error, $"'{path}': {problem}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{path}' is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(LoraAdapterError.CorruptFile, "the adapter config is not a JSON object");
            var peftType = Text(root, "peft_type");
            if (peftType is not null && peftType != "LORA") throw Bad(LoraAdapterError.UnsupportedFeature, $"peft_type is '{peftType}'; only 'LORA' adapters are supported");
            if (!root.TryGetProperty("r", out var r) || r.ValueKind != JsonValueKind.Number || !r.TryGetInt32(out var rank) || rank is < 1 or > 4096)
                throw Bad(LoraAdapterError.CorruptFile, "'r' must be an integer from 1 to 4096");
            var alpha = (float)rank; // PEFT's default lora_alpha is 8, but configs always write it; r keeps the scale at 1 if not
            if (root.TryGetProperty("lora_alpha", out var a))
            {
                if (a.ValueKind != JsonValueKind.Number || !a.TryGetSingle(out alpha) || !float.IsFinite(alpha) || alpha <= 0)
                    throw Bad(LoraAdapterError.CorruptFile, $"'lora_alpha' must be a finite number > 0 (got {a.GetRawText()})");
            }
            var rslora = Flag(root, "use_rslora", path);
            if (Flag(root, "use_dora", path)) throw Bad(LoraAdapterError.UnsupportedFeature, "use_dora is true; DoRA adapters are not supported");
            if (Flag(root, "fan_in_fan_out", path)) throw Bad(LoraAdapterError.UnsupportedFeature, "fan_in_fan_out is true (Conv1D layers); only Linear layers are supported");
            if (Text(root, "bias") is { } bias && bias != "none") throw Bad(LoraAdapterError.UnsupportedFeature, $"bias is '{bias}'; only 'none' is supported");
            foreach (var pattern in (string[])["rank_pattern", "alpha_pattern"])
                if (root.TryGetProperty(pattern, out var p) && p.ValueKind == JsonValueKind.Object && p.EnumerateObject().Any())
                    throw Bad(LoraAdapterError.UnsupportedFeature, $"{pattern} is not empty; per-module ranks and alphas are not supported");
            if (root.TryGetProperty("modules_to_save", out var save) && save.ValueKind == JsonValueKind.Array && save.GetArrayLength() > 0)
                throw Bad(LoraAdapterError.UnsupportedFeature, $"modules_to_save is {save.GetRawText()}; adapters that replace whole modules are not supported");
            return WithTargets(path, rank, alpha, rslora, root.TryGetProperty("target_modules", out var t) ? t : default);
        }
    }

    private static PeftAdapterConfig WithTargets(string path, int rank, float alpha, bool rslora, JsonElement targets)
    {
        switch (targets.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return new PeftAdapterConfig(rank, alpha, rslora, null, null, "(none: every module with tensors)");
            case JsonValueKind.String when targets.GetString() == "all-linear":
                return new PeftAdapterConfig(rank, alpha, rslora, null, null, "all-linear");
            case JsonValueKind.String:
                Regex regex;
                try
                {
                    regex = new Regex($"^(?:{targets.GetString()})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{path}': target_modules '{targets.GetString()}' is not a regular expression: {e.Message}", e);
                }
                return new PeftAdapterConfig(rank, alpha, rslora, null, regex, targets.GetString()!);
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var e in targets.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.String) throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{path}': target_modules holds {e.GetRawText()}, not a module name");
                    var name = e.GetString()!;
                    if (!ModuleNames.Contains(name[(name.LastIndexOf('.') + 1)..]))
                        throw new LoraAdapterException(LoraAdapterError.UnknownModule,
                            $"'{path}': target_modules names '{name}', which is not a module Gantry can adapt ({string.Join(", ", ModuleNames)})");
                    list.Add(name);
                }
                return new PeftAdapterConfig(rank, alpha, rslora, list.ToArray(), null, $"[{string.Join(", ", list)}]");
            default:
                throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{path}': target_modules must be a list of names or a string");
        }
    }

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Flag(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return false;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new LoraAdapterException(LoraAdapterError.CorruptFile, $"'{path}': '{key}' must be true or false");
        return v.GetBoolean();
    }
}
