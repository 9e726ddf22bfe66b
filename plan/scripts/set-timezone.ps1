# Sets the time zone of a Contoso Windows device from its campus (device name prefix CLT-, RED-, CAM-).
$zones = @{ 'CLT' = 'Eastern Standard Time'; 'RED' = 'Pacific Standard Time'; 'CAM' = 'GMT Standard Time' }
$prefix = $env:COMPUTERNAME.Split('-')[0].ToUpperInvariant()
if ($zones.ContainsKey($prefix)) {
    Set-TimeZone -Id $zones[$prefix]
    Write-Output "Time zone set to $($zones[$prefix])"
} else {
    Write-Output "No campus prefix on $env:COMPUTERNAME; time zone left as it is"
}
