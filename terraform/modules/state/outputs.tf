output "table_name" {
  description = "Name of the file-state table."
  value       = aws_dynamodb_table.state.name
}
