# Remediation: removes files older than 7 days from the Windows temp folder; files in use are skipped.
$cutoff = (Get-Date).AddDays(-7)
Get-ChildItem -Path "$env:SystemRoot\Temp" -Recurse -File -ErrorAction SilentlyContinue |
    Where-Object { $_.LastWriteTime -lt $cutoff } |
    Remove-Item -Force -ErrorAction SilentlyContinue
Write-Output "Removed temp files older than $($cutoff.ToString('yyyy-MM-dd'))"
exit 0
