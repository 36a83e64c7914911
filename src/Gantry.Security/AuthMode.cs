namespace Gantry.Security;

/// <summary><c>--auth</c>: <c>keys</c> demands an API key on the model and admin endpoints; <c>none</c> lets anyone in (loopback only).</summary>
public enum AuthMode
{
    None,
    Keys,
}
