using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

// The kit for every registered driver with code (RegisteredDriversTests checks none is missing); the drivers made of a
// dialect file alone run it through DialectVendorConformanceTests, found by their files.

/// <summary><c>huawei-cli-ssh</c>: China Telecom simulator, Huawei VRP CLI behind real sshd.</summary>
public sealed class HuaweiCliSshConformanceTests(HuaweiSshTarget target) : DriverConformanceTests<HuaweiSshTarget>(target);

/// <summary><c>zte-cli-ssh</c>: China Unicom simulator, ZTE ZXR10 CLI behind real sshd.</summary>
public sealed class ZteCliSshConformanceTests(ZteCliSshTarget target) : DriverConformanceTests<ZteCliSshTarget>(target);

/// <summary><c>zte-snmp</c> over SNMPv2c: China Unicom simulator's agent.</summary>
public sealed class ZteSnmpV2cConformanceTests(ZteSnmpV2cTarget target) : DriverConformanceTests<ZteSnmpV2cTarget>(target);

/// <summary><c>zte-snmp</c> over SNMPv3 authPriv (SHA-256 + AES-128): China Unicom simulator's agent.</summary>
public sealed class ZteSnmpV3ConformanceTests(ZteSnmpV3Target target) : DriverConformanceTests<ZteSnmpV3Target>(target);

/// <summary><c>huawei-coa</c>: rates by RADIUS CoA to the China Telecom simulator's CoA face, read back through its Huawei CLI behind real sshd.</summary>
public sealed class HuaweiCoaConformanceTests(HuaweiCoaTarget target) : DriverConformanceTests<HuaweiCoaTarget>(target);

/// <summary><c>zte-coa</c>: rates by RADIUS CoA to the China Unicom simulator's CoA face, read back over SNMPv2c.</summary>
public sealed class ZteCoaConformanceTests(ZteCoaTarget target) : DriverConformanceTests<ZteCoaTarget>(target);
