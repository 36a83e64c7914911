namespace Gantry.Models.Attention;

/// <summary>Element format of cached keys and values.</summary>
public enum KvCacheType
{
    /// <summary>32-bit floats: exact.</summary>
    F32,

    /// <summary>int8 values with an f16 scale per block of up to 32 values within a head: about a quarter of F32's memory.</summary>
    Q8_0,
}
