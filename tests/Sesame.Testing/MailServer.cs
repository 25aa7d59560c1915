using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Sesame.Testing;

/// <summary>Reads the messages the real SMTP server of the test command received (tests/mail-server).</summary>
public sealed partial class MailServer : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = TestEnvironment.MailApi, Timeout = TimeSpan.FromSeconds(40) };

    /// <summary>Waits until at least <paramref name="count"/> messages reached the address, and returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = await _http.GetFromJsonAsync<List<ReceivedMail>>($"messages?to={Uri.EscapeDataString(to)}&wait=2000") ?? [];
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) for {to}, got {messages.Count}.");
            }

            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<ReceivedMail>> ReceivedAsync(string to) =>
        await _http.GetFromJsonAsync<List<ReceivedMail>>($"messages?to={Uri.EscapeDataString(to)}") ?? [];

    /// <summary>The security code of the newest of the first <paramref name="count"/> messages to the address.</summary>
    public async Task<string> CodeAsync(string to, int count = 1)
    {
        var messages = await WaitForAsync(to, count);
        return CodeIn(messages[count - 1]);
    }

    public static string CodeIn(ReceivedMail mail)
    {
        var match = SixDigits().Match(mail.Text);
        return match.Success ? match.Value.Replace(" ", "", StringComparison.Ordinal) : throw new InvalidOperationException($"No code in \"{mail.Subject}\".");
    }

    public static string LinkIn(ReceivedMail mail)
    {
        var match = Link().Match(mail.Text);
        return match.Success ? match.Value : throw new InvalidOperationException($"No link in \"{mail.Subject}\".");
    }

    public Task StopSmtpAsync() => _http.PostAsync("smtp/stop", null);

    public Task StartSmtpAsync() => _http.PostAsync("smtp/start", null);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"\b\d{3} \d{3}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

public sealed record ReceivedMail(List<string> To, string From, string Subject, string Text, string Html);
