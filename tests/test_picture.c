#include <stdio.h>
int main(void)
{
    puts("1..0 # being written");
    return 0;
}
