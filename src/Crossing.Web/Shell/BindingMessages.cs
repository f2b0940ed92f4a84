using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Crossing.Web.Shell;

/// <summary>
/// The messages form binding writes when a value cannot be read (a letter in a number field, a missing
/// required value), in the reader's language from ShellText (Shell.Binding.*). None quotes the value typed:
/// it may be identity data, and validation messages can reach a log.
/// </summary>
public static class BindingMessages
{
    public static IServiceCollection AddBindingMessages(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<MvcOptions>, Messages>();
        return services;
    }

    private sealed class Messages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var l = factory.Create(typeof(ShellText));
            var m = options.ModelBindingMessageProvider;
            m.SetValueIsInvalidAccessor(_ => l["Shell.Binding.Invalid"]);
            m.SetValueMustBeANumberAccessor(_ => l["Shell.Binding.Number"]);
            m.SetAttemptedValueIsInvalidAccessor((_, _) => l["Shell.Binding.Invalid"]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l["Shell.Binding.Invalid"]);
            m.SetUnknownValueIsInvalidAccessor(_ => l["Shell.Binding.Invalid"]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Shell.Binding.Invalid"]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["Shell.Binding.Number"]);
            m.SetMissingBindRequiredValueAccessor(_ => l["Shell.Binding.Required"]);
            m.SetMissingKeyOrValueAccessor(() => l["Shell.Binding.Required"]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["Shell.Binding.Required"]);
            m.SetValueMustNotBeNullAccessor(_ => l["Shell.Binding.Required"]);
        }
    }
}
