// The assembly is named "adal" (the command users type); resources and localizers look up "Adal.*" names.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Adal")]
