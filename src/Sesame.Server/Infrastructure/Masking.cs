namespace Sesame.Server.Infrastructure;

/// <summary>Masks personal data for display (identifiers.md: "Mask on screens").</summary>
public static class Masking
{
    /// <summary>"marie.tremblay@exemple.ca" → "m•••••••••••••@e••••••.ca".</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return new string('•', email.Length);
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var host = dot > 0 ? domain[..dot] : domain;
        var tld = dot > 0 ? domain[dot..] : "";
        return $"{local[0]}{new string('•', Math.Max(local.Length - 1, 3))}@{host[0]}{new string('•', Math.Max(host.Length - 1, 3))}{tld}";
    }
}
