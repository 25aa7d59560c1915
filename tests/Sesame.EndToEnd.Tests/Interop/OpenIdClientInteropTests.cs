using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Services;
using Sesame.Server.Oidc;
using Sesame.Testing;
using Xunit.Abstractions;

namespace Sesame.EndToEnd.Tests.Interop;

/// <summary>
/// Issue 3, "must be shown": a certified relying-party library (npm openid-client, run by
/// tests/interop/interop.mjs) accepts Sesame without special cases. The script signs a new person in
/// through the pages on the real port and checks every answer; this test registers its service, runs it,
/// and then searches everything the service received for the person's internal identifiers.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenIdClientInteropTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string RedirectUri = "http://localhost:9/callback";
    private const string PostLogoutRedirectUri = "http://localhost:9/logged-out";
    private const string EvidencePrefix = "EVIDENCE ";
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_certified_openid_client_library_signs_a_person_in_refreshes_revokes_and_signs_out()
    {
        var interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        if (!PackagesInstalled(interop))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], interop, new Dictionary<string, string>(), NpmTimeout);
            Assert.True(install.ExitCode == 0, $"npm ci in tests/interop exited {install.ExitCode}:\n{install.Output}");
        }

        var clientId = "interop-" + Guid.NewGuid().ToString("N")[..10];
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ServiceRegistration>().RegisterAsync(new ServiceDefinition
            {
                ClientId = clientId,
                Secret = secret,
                NameFr = "Service d'interopérabilité",
                NameEn = "Interoperability service",
                HomePage = "http://localhost:9/",
                Sector = "interop-" + clientId,
                AllowedClaims = [ReleasableClaims.IdentificationCode, ReleasableClaims.Email],
                RedirectUris = [new Uri(RedirectUri)],
                PostLogoutRedirectUris = [new Uri(PostLogoutRedirectUri)],
                Listed = false,
            });
        }

        var run = await RunAsync("node", ["interop.mjs"], interop, new Dictionary<string, string>
        {
            ["SESAME_ISSUER"] = fixture.Host.RootUri.ToString(),
            ["SESAME_CLIENT_ID"] = clientId,
            ["SESAME_CLIENT_SECRET"] = secret,
            ["SESAME_REDIRECT_URI"] = RedirectUri,
            ["SESAME_POST_LOGOUT_REDIRECT_URI"] = PostLogoutRedirectUri,
            ["SESAME_MAIL_API"] = TestEnvironment.MailApi.ToString(),
            ["SESAME_CLIENT_ADDRESS"] = SesameHost.RandomAddress(),
        }, ScriptTimeout);
        var evidence = run.Lines.SingleOrDefault(l => l.StartsWith(EvidencePrefix, StringComparison.Ordinal));
        output.WriteLine(string.Join('\n', run.Lines.Where(l => l != evidence)));
        Assert.True(run.ExitCode == 0, $"node tests/interop/interop.mjs exited {run.ExitCode}:\n{run.Output}");
        Assert.NotNull(evidence);

        // The person the script created: none of their internal identifiers reached the service.
        using var received = JsonDocument.Parse(evidence[EvidencePrefix.Length..]);
        var username = received.RootElement.GetProperty("username").GetString();
        Assert.NotNull(username);
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>().FindByNameAsync(username);
            Assert.NotNull(user);
            foreach (var id in new[] { user.Id, user.PersonId })
            {
                Assert.DoesNotContain(id.ToString("D"), evidence, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(id.ToString("N"), evidence, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Whether node_modules holds the openid-client version that package.json pins (a clean clone has none).</summary>
    private static bool PackagesInstalled(string interop)
    {
        var installed = Path.Combine(interop, "node_modules", "openid-client", "package.json");
        if (!File.Exists(installed))
        {
            return false;
        }

        using var pinned = JsonDocument.Parse(File.ReadAllText(Path.Combine(interop, "package.json")));
        using var present = JsonDocument.Parse(File.ReadAllText(installed));
        return pinned.RootElement.GetProperty("dependencies").GetProperty("openid-client").GetString()
            == present.RootElement.GetProperty("version").GetString();
    }

    private sealed record ProcessRun(int ExitCode, IReadOnlyList<string> Lines)
    {
        public string Output => string.Join('\n', Lines);
    }

    /// <summary>Runs a program to its end (or kills it after the timeout), with stdout and stderr interleaved.</summary>
    private static async Task<ProcessRun> RunAsync(
        string program, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(lines, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Collect(lines, $"{program} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }

        // WaitForExitAsync returns once the streams are drained, so every line is in.
        lock (lines)
        {
            return new ProcessRun(process.ExitCode, [.. lines]);
        }
    }

    private static void Collect(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }

    /// <summary>The clone's root (where Sesame.slnx is): above the test binaries, the working directory, or this file.</summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sesame.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Sesame.slnx) to run tests/interop.");
    }
}
