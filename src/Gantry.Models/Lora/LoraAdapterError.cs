namespace Gantry.Models.Lora;

/// <summary>What is wrong with an adapter that failed to load (<see cref="LoraAdapterException.Error"/>).</summary>
public enum LoraAdapterError
{
    /// <summary>Malformed in a way no other member names.</summary>
    Invalid,

    /// <summary>The path, or a file a PEFT directory needs, does not exist.</summary>
    FileNotFound,

    /// <summary>The file is not readable as its format (bad GGUF, corrupt safetensors header, bad adapter_config.json).</summary>
    CorruptFile,

    /// <summary>Made for another architecture or layer count than the base model's.</summary>
    ArchitectureMismatch,

    /// <summary>A delta's shape does not fit the base's matrix (another hidden size), or its two halves disagree on rank.</summary>
    ShapeMismatch,

    /// <summary>A tensor or <c>target_modules</c> entry names a module the base lacks or Gantry cannot adapt.</summary>
    UnknownModule,

    /// <summary>One half of a lora_A/lora_B pair is absent.</summary>
    MissingTensor,

    /// <summary>A tensor's element type is not F32, F16 or BF16 (or a GGUF type Gantry reads).</summary>
    UnsupportedDtype,

    /// <summary>The adapter uses a feature Gantry does not run (DoRA, per-module rank patterns, saved full modules …).</summary>
    UnsupportedFeature,
}
