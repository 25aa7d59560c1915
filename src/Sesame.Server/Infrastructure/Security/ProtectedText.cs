using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Sesame.Server.Infrastructure.Security;

/// <summary>
/// Reading back a value Sesame protected and handed to the browser (a link, a hidden field, a ceremony's state):
/// empty, oversized, forged, tampered or expired (for a time-limited protector) all mean the same thing to the
/// page — there is no value — so none of them reaches the caller as an exception.
/// </summary>
public static class ProtectedText
{
    public static string? TryUnprotect(this IDataProtector protector, string? value, int maximumLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maximumLength)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
