module example.com/generateme

go 1.26.1
