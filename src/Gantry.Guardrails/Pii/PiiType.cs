namespace Gantry.Guardrails.Pii;

/// <summary>Kinds of personal data and secrets the detectors find. <see cref="PiiTypes.Label"/> gives the JSON
/// name and the redaction placeholder.</summary>
public enum PiiType
{
    Email,
    Phone,
    PaymentCard,
    Iban,
    UsSsn,
    IpAddress,
    ApiKey,
    PrivateKey,
}

/// <summary>Names of <see cref="PiiType"/> values as they appear in JSON (<c>payment_card</c>) and in redacted
/// text (<c>[PAYMENT_CARD]</c>).</summary>
public static class PiiTypes
{
    private static readonly string[] Labels = ["email", "phone", "payment_card", "iban", "us_ssn", "ip_address", "api_key", "private_key"];
    private static readonly string[] Placeholders = [.. Labels.Select(l => "[" + l.ToUpperInvariant() + "]")];

    /// <summary>The snake_case name, e.g. <c>payment_card</c>.</summary>
    public static string Label(PiiType type) => Labels[(int)type];

    /// <summary>The text that replaces a redacted span, e.g. <c>[PAYMENT_CARD]</c>.</summary>
    public static string Placeholder(PiiType type) => Placeholders[(int)type];
}
