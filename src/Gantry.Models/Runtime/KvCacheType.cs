namespace Gantry.Models.Runtime;

/// <summary>Element format of cached keys and values.</summary>
public enum KvCacheType
{
    /// <summary>32-bit floats: exact.</summary>
    F32,

    /// <summary>Q8_0 blocks (32 int8 values + an f16 scale) per head row: about a quarter of F32's memory.</summary>
    Q8_0,
}
