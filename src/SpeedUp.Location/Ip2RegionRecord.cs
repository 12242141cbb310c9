namespace SpeedUp.Location;

/// <summary>
/// One data record of the ip2region v1 database: <c>country|area|province|city|isp</c>.
/// The database writes <c>0</c> for an unknown part; this record holds an empty string instead.
/// </summary>
/// <param name="CityId">The numeric city id stored before the text.</param>
/// <param name="Country">Country, e.g. <c>中国</c> or <c>美国</c>.</param>
/// <param name="Area">Area (usually empty).</param>
/// <param name="Province">Province as the data names it, e.g. <c>浙江省</c>, <c>北京</c>, <c>内蒙古</c>.</param>
/// <param name="City">City, e.g. <c>杭州市</c>, or <c>内网IP</c> for private ranges.</param>
/// <param name="Isp">ISP, e.g. <c>电信</c>, <c>联通</c>, <c>移动</c>, <c>Level3</c>.</param>
public sealed record Ip2RegionRecord(uint CityId, string Country, string Area, string Province, string City, string Isp);
