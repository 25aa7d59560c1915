using Microsoft.Extensions.Options;

namespace Sesame.Registries;

/// <summary>One registry's <c>Registries:&lt;Registry&gt;</c> section (docs/registries.md, "Transport and authentication").</summary>
public sealed class RegistryOptions
{
    /// <summary>Where the contract's relative paths start, ending in <c>/</c>; https except on the loopback.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The per-registry credential sent as a bearer token (mutual TLS and OAuth in production: see the doc).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>How long one try may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the person may wait for an answer, retries included (issue 4: a clear message within 10 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest total wait allowed by validation.</summary>
    public static readonly TimeSpan MaximumTotalTimeout = TimeSpan.FromSeconds(10);
}

/// <summary>Refuses at start-up a registry configuration that would fail, leak or make the person wait (architecture.md, principle 9).</summary>
internal sealed class ValidateRegistryOptions : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        var section = $"Registries:{name}";
        if (options.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{section}:BaseAddress must be an absolute http(s) address.");
        }
        else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            failures.Add($"{section}:BaseAddress must use https (plain http only on the loopback).");
        }
        else if (!address.AbsolutePath.EndsWith('/'))
        {
            failures.Add($"{section}:BaseAddress must end with '/'.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{section}:ApiKey is required.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{section}: AttemptTimeout must be positive and TotalTimeout at least as long.");
        }

        if (options.TotalTimeout > RegistryOptions.MaximumTotalTimeout)
        {
            failures.Add($"{section}:TotalTimeout may not exceed {RegistryOptions.MaximumTotalTimeout.TotalSeconds} s: the person must hear back within 10 s.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
