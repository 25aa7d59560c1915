using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>
/// A registry configuration that would fail, leak or keep the person waiting is refused (RegistryOptions'
/// validation, architecture.md principle 9): resolving the options throws, naming the registry's section.
/// </summary>
public sealed class RegistryOptionsTests
{
    [Theory]
    [InlineData("BaseAddress", "simulateur/")] // relative
    [InlineData("BaseAddress", "http://ramq.exemple.ca/")] // plain http off the loopback
    [InlineData("BaseAddress", "http://10.0.0.7/ramq/")]
    [InlineData("BaseAddress", "https://ramq.exemple.ca/api")] // the contract's paths would replace "api"
    [InlineData("BaseAddress", "ftp://ramq.exemple.ca/")]
    [InlineData("ApiKey", "")]
    [InlineData("ApiKey", "   ")]
    [InlineData("TotalTimeout", "00:00:10.001")]
    [InlineData("TotalTimeout", "00:00:30")]
    [InlineData("AttemptTimeout", "00:00:00")]
    [InlineData("AttemptTimeout", "00:00:09")] // longer than the total of 8 s
    public void A_bad_setting_is_refused_when_the_options_are_resolved(string setting, string value)
    {
        var settings = Valid();
        settings[$"Registries:Ramq:{setting}"] = value;
        using var services = Build(settings);

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq"));

        Assert.Equal("Ramq", refused.OptionsName);
        Assert.All(refused.Failures, f => Assert.StartsWith("Registries:Ramq", f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_base_address_is_refused()
    {
        var settings = Valid();
        settings.Remove("Registries:Ramq:BaseAddress");
        using var services = Build(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq"));
    }

    [Fact]
    public void A_bad_setting_of_one_registry_does_not_refuse_the_others()
    {
        var settings = Valid();
        settings["Registries:Ramq:ApiKey"] = "";
        using var services = Build(settings);
        var monitor = services.GetRequiredService<IOptionsMonitor<RegistryOptions>>();

        Assert.Throws<OptionsValidationException>(() => monitor.Get("Ramq"));
        Assert.Equal("cle-saaq", monitor.Get("Saaq").ApiKey);
    }

    [Theory]
    [InlineData("https://ramq.exemple.ca/")]
    [InlineData("https://ramq.exemple.ca/v2/")]
    [InlineData("http://127.0.0.1:5080/simulateur/")]
    [InlineData("http://localhost/simulateur/")]
    [InlineData("http://[::1]:5080/")]
    public void Https_or_plain_http_on_the_loopback_ending_with_a_slash_is_accepted(string address)
    {
        var settings = Valid();
        settings["Registries:Ramq:BaseAddress"] = address;
        using var services = Build(settings);

        var options = services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq");

        Assert.Equal(new Uri(address), options.BaseAddress);
    }

    [Fact]
    public void Without_timeouts_configured_the_person_hears_back_within_ten_seconds()
    {
        using var services = Build(Valid());

        var options = services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq");

        Assert.True(options.TotalTimeout <= TimeSpan.FromSeconds(10), options.TotalTimeout.ToString());
        Assert.True(options.AttemptTimeout > TimeSpan.Zero && options.AttemptTimeout <= options.TotalTimeout, options.AttemptTimeout.ToString());
    }

    [Fact]
    public void Configured_timeouts_are_taken_as_given()
    {
        var settings = Valid();
        settings["Registries:Ramq:AttemptTimeout"] = "00:00:02";
        settings["Registries:Ramq:TotalTimeout"] = "00:00:10";
        using var services = Build(settings);

        var options = services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq");

        Assert.Equal(TimeSpan.FromSeconds(2), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.TotalTimeout);
    }

    /// <summary>A base address and a key for each registry, and no timeout: the defaults.</summary>
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Registries:RevenuQuebec:BaseAddress"] = "https://revenu-quebec.exemple.ca/",
        ["Registries:RevenuQuebec:ApiKey"] = "cle-revenu-quebec",
        ["Registries:Ramq:BaseAddress"] = "https://ramq.exemple.ca/",
        ["Registries:Ramq:ApiKey"] = "cle-ramq",
        ["Registries:Saaq:BaseAddress"] = "https://saaq.exemple.ca/",
        ["Registries:Saaq:ApiKey"] = "cle-saaq",
    };

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSesameRegistries(configuration.GetSection("Registries")).BuildServiceProvider();
    }
}
