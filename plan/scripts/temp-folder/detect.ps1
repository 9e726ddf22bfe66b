# Detection: exit 1 (issue found) when the Windows temp folder holds more than 2 GB.
$limit = 2GB
$size = (Get-ChildItem -Path "$env:SystemRoot\Temp" -Recurse -File -ErrorAction SilentlyContinue | Measure-Object -Property Length -Sum).Sum
if ($size -gt $limit) {
    Write-Output "Temp folder holds $([math]::Round($size / 1GB, 1)) GB"
    exit 1
}
Write-Output "Temp folder holds $([math]::Round($size / 1MB)) MB"
exit 0
