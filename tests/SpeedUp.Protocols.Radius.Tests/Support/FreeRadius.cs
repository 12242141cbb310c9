namespace SpeedUp.Protocols.Radius.Tests.Support;

/// <summary>The dictionaries Debian's freeradius-common installs, and the peers of the interop tests (scripts/setup.sh installs them).</summary>
internal static class FreeRadius
{
    public const string DictionaryDirectory = "/usr/share/freeradius";
    public const string Radclient = "/usr/bin/radclient";
    public const string Python = "/usr/bin/python3";

    public static string Dictionary(string name) => Path.Combine(DictionaryDirectory, name);

    /// <summary>Fails (never skips) with the fix when the Debian files are missing.</summary>
    public static void RequireDictionaries()
    {
        if (!File.Exists(Dictionary("dictionary.huawei")))
        {
            Assert.Fail("FreeRADIUS dictionaries are missing under " + DictionaryDirectory + " (Debian freeradius-common): run scripts/setup.sh as root.");
        }
    }

    /// <summary>Rate attributes of the vendors the adapter drives, plus the RFC ones the CoA exchange needs.</summary>
    public static RadiusDictionary LoadVendorDictionaries()
    {
        RequireDictionaries();
        return RadiusDictionary.Load(
        [
            Dictionary("dictionary.rfc2865"), Dictionary("dictionary.rfc2866"), Dictionary("dictionary.rfc2869"), Dictionary("dictionary.rfc3576"), Dictionary("dictionary.rfc5176"),
            Dictionary("dictionary.huawei"), Dictionary("dictionary.zte"), Dictionary("dictionary.h3c"),
        ]);
    }
}
