using System.Text.Json;

namespace Sesame.Core.Accounts;

/// <summary>
/// The bundled list of common passwords (NIST SP 800-63B §5.1.1.2: "passwords obtained from previous
/// breach corpuses", "dictionary words"), checked offline and without regard to case.
/// </summary>
public sealed class CommonPasswordList
{
    private readonly HashSet<string> _passwords;

    public CommonPasswordList(IEnumerable<string> passwords)
    {
        _passwords = new HashSet<string>(passwords, StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);

    /// <summary>Reads a JSON array of strings, the shape of the list the server embeds at build time.</summary>
    /// <summary>An empty list would turn the check off without a word, so it is refused like a missing one.</summary>
    public static CommonPasswordList FromJson(Stream json)
    {
        var passwords = JsonSerializer.Deserialize<string[]>(json);
        return passwords is { Length: > 0 }
            ? new CommonPasswordList(passwords)
            : throw new InvalidDataException("The common-password list is missing or empty.");
    }
}
