namespace Gantry.Security;

/// <summary>
/// <c>x-request-id</c>: a client's id is kept when it is 1..128 characters of <c>[A-Za-z0-9._:-]</c> (so it cannot
/// smuggle anything into logs or headers); otherwise the server makes one. Either way it is echoed and audited.
/// </summary>
public static class RequestIds
{
    public const string Header = "x-request-id";

    public static string FromClientOrNew(string? client) => client is not null && IsAcceptable(client) ? client : New();

    public static string New() => "req_" + Guid.NewGuid().ToString("N");

    public static bool IsAcceptable(string id)
    {
        if (id.Length is 0 or > 128) return false;
        foreach (var c in id) if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':')) return false;
        return true;
    }
}
