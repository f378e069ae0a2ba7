CREATE TABLE broken_migration (id int); SELEC 1;
