output "input_bucket_name" {
  description = "Name of the input bucket."
  value       = aws_s3_bucket.input.bucket
}

output "output_bucket_name" {
  description = "Name of the output bucket."
  value       = aws_s3_bucket.output.bucket
}
