using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// A forged checkbox value ("abc" for a bool) used to stay in ModelState as the attempted value, and the checkbox tag
/// helper then failed to parse it while showing the form again: a 500. The value is reported as invalid and the
/// form shows the box unticked.
/// </summary>
public sealed class BooleanModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None || string.IsNullOrEmpty(value.FirstValue))
        {
            return Task.CompletedTask; // absent: the property keeps its default, as with the framework's binder
        }
        if (bool.TryParse(value.FirstValue.Trim(), out var parsed))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            bindingContext.Result = ModelBindingResult.Success(parsed);
            return Task.CompletedTask;
        }
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult(bool.FalseString, CultureInfo.InvariantCulture));
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
            bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(value.FirstValue, bindingContext.ModelMetadata.GetDisplayName()));
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(bool) ? new BooleanModelBinder() : null;
    }
}
